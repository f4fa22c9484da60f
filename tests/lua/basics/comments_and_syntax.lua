-- Comments, semicolons, long comments, and the various call syntaxes.
--[[ a long
comment ]] print("after long comment")
--[==[ another ]] still comment ]==] print("after level-2 comment");
local t = { n = 1 }; print(t.n);;
print "string call"
print [[long string call]]
local function id(x) return x end
print(id { 1, 2, 3 }[2])
print(#id "abc")
local s = "method"
print(s:upper(), ("x"):rep(2), #s)
local obj = { value = 7 }
function obj.get(self) return self.value end
function obj:twice() return self:get() * 2 end
print(obj:get(), obj.get(obj), obj:twice())
