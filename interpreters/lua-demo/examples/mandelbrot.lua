-- Prints the Mandelbrot set as ASCII art, then the number of points inside it.
-- The inner loop is float arithmetic only: the kind of loop the JIT compiles to a few
-- machine instructions per iteration. Uses nothing but the core language and print.

local width, height = 72, 28
local max_iter = 200
local shades = { " ", ".", ":", "-", "=", "+", "*", "#", "%" }

local function escape_time(cr, ci)
  local zr, zi = 0.0, 0.0
  for n = 1, max_iter do
    local zr2, zi2 = zr * zr, zi * zi
    if zr2 + zi2 > 4.0 then
      return n
    end
    zi = 2.0 * zr * zi + ci
    zr = zr2 - zi2 + cr
  end
  return max_iter
end

local inside = 0
for row = 0, height - 1 do
  local ci = -1.2 + 2.4 * row / (height - 1)
  local line = ""
  for col = 0, width - 1 do
    local cr = -2.1 + 2.8 * col / (width - 1)
    local n = escape_time(cr, ci)
    if n == max_iter then
      inside = inside + 1
      line = line .. "@"
    else
      line = line .. shades[n % #shades + 1]
    end
  end
  print(line)
end
print(inside .. " of " .. width * height .. " points inside after " .. max_iter .. " iterations")
