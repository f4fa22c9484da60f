-- Uncaught error with an error object whose __tostring gives the message.
error(setmetatable({}, { __tostring = function() return "custom object message" end }))
