-- Escape sequences in short strings, printed through their byte values to keep output readable.
local function bytes(s)
  local out = {}
  for i = 1, #s do out[i] = string.byte(s, i) end
  return table.concat(out, " ")
end
print(bytes("\a\b\f\n\r\t\v\\\"\'"))
print(bytes("\65\066\0677"), "\65\066\0677")
print(bytes("\x41\x7a\xFF"), #"\0\0\0")
print("\u{48}\u{49}", bytes("\u{7FF}"), bytes("\u{10FFFF}"))
print("a\z
       b", "tab\there", 'single "double" inside', "double 'single' inside")
print("line1\nline2")
print("backslash-newline: a\
b")
