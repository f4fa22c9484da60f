-- assert returns all its arguments on success; on failure the message (or any object) is the error.
print(assert(1, "unused", 3))
print(pcall(assert, false))
print(pcall(assert, nil, "custom message"))
print(pcall(assert, false, 42))
local obj = {}
local ok, e = pcall(assert, false, obj)
print(ok, e == obj)
print(pcall(assert))
print(select("#", assert(true, nil, nil)))
