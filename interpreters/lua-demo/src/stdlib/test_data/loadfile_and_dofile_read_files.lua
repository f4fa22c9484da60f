-- loadfile/dofile: files as main chunks (shebang skipped, "@name" chunk names), errors as lua5.4.
local name = os.tmpname()
local function put(text) local f = assert(io.open(name, "w")); f:write(text); f:close() end
local function hide(s) return (tostring(s):gsub("/tmp/lua_%w+", "TMP")) end
print(hide(select(2, loadfile("/nonexistent.lua"))))
put("#!/usr/bin/lua\nreturn 1 + ..., select('#', ...)")
print(loadfile(name)(41))
print(pcall(dofile, "/nonexistent.lua"))
put("error('in file')")
print(hide(select(2, pcall(dofile, name))))
put("x = ")
print(hide(select(2, loadfile(name))))
put("return y")
print(loadfile(name, "t", {y = 5})(), loadfile(name, "b"))
put("return 1, 2, 3")
print(dofile(name))
print(pcall(warn), pcall(warn, "x", {}))
warn("@off")
os.remove(name)
