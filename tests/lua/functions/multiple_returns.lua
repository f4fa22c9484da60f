-- Multiple results are adjusted: truncated to one except at the end of an expression list.
local function mr() return 1, 2, 3 end
local function none() end
print(mr())
print(mr(), "end")
print("start", mr())
print((mr()))
print(mr() + 10)
local t = { mr(), mr() }
print(#t)
local a, b, c, d = mr()
print(a, b, c, d)
local x, y = none()
print(x, y, select("#", none()), select("#", (none())))
print(string.format("%d %d %d", mr()))
local function forward() return mr() end
local function forward_paren() return (mr()) end
print(forward())
print(forward_paren())
print(#{ none() }, select("#", none(), 1), ({ none(), 1 })[2])
