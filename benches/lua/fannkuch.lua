-- fannkuch: for every permutation of 0..n-1, count the prefix reversals needed
-- to bring 0 to the front; prints the alternating-sign checksum of those counts
-- and their maximum. Arrays are 1-based; values are 0..n-1 as in fannkuch.py.
-- arg[1] = n (default 9).
local function fannkuch(n)
  local perm1, count, perm = {}, {}, {}
  for i = 1, n do
    perm1[i] = i - 1
    count[i] = 0
    perm[i] = 0
  end
  local max_flips, checksum, sign = 0, 0, 1
  local r = n
  while true do
    while r ~= 1 do
      count[r] = r
      r = r - 1
    end
    for i = 1, n do
      perm[i] = perm1[i]
    end
    local flips = 0
    local k = perm[1]
    while k ~= 0 do
      local i, j = 1, k + 1
      while i < j do
        local t = perm[i]
        perm[i] = perm[j]
        perm[j] = t
        i = i + 1
        j = j - 1
      end
      flips = flips + 1
      k = perm[1]
    end
    if flips > max_flips then
      max_flips = flips
    end
    checksum = checksum + sign * flips
    sign = -sign
    -- Advance to the next permutation by rotating prefixes (count[] holds how
    -- many rotations each prefix length has left).
    while true do
      if r == n then
        return checksum, max_flips
      end
      local p0 = perm1[1]
      for i = 1, r do
        perm1[i] = perm1[i + 1]
      end
      perm1[r + 1] = p0
      count[r + 1] = count[r + 1] - 1
      if count[r + 1] > 0 then
        break
      end
      r = r + 1
    end
  end
end

local n = tonumber(arg and arg[1]) or 9
print(string.format("%d %d", fannkuch(n)))
