-- gsub replacement by table lookup or function call; false/nil results keep the original match.
local vars = { name = "Lua", version = "5.4" }
print(string.gsub("$name $version $missing", "%$(%w+)", vars))
print(string.gsub("1 2 3 4", "%d+", function(d) return d * d end))
print(string.gsub("keep DROP keep", "%a+", function(w) if w == "DROP" then return "" end end))
print(string.gsub("abc", "%w", function(c) return c:upper() .. "." end))
print(string.gsub("x=1,y=2", "(%w+)=(%w+)", function(k, v) return v .. "=" .. k end))
print(string.gsub("hello", "l", { l = false }))
print(pcall(string.gsub, "abc", "%w", function() return {} end))
local count = 0
string.gsub("a b c d", "%a", function() count = count + 1 end)
print("calls:", count)
