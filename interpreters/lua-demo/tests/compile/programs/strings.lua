-- The lexer: escapes, long strings, numerals, comments.
print("tab\tnew\\n quote\" apos\' bell-less \65\066\x43 \u{44}\u{45} z:\z
      end", 'single "q"', "a\
b")
print([[long
string]], [==[with ]] inside]==], [[
first newline skipped]], #[[

]])
print(#"\u{7FF}", #"\u{FFFF}", #"\u{10FFFF}", #"\u{7FFFFFFF}", "\u{48}\u{49}")
print("\0" == "\x00", #"\0abc", "\255" == "\xff", #"\z   ", "x" --[[ inline comment ]] .. "y")
--[==[ long
comment ]==] print("after long comment")
-- short comment
print(0x10, 0xA.8p1, 0X1P4, 1e-3, 1E+3, .25, 5., 3e0, 0x.1, 0xffffffffffffffffff, 1e309, 2^1023 * 2)
print(100000000000000, 1e14, 1e15, 123456789012, 0.1 + 0.2, 1/7, -1/7, 1e-300 * 1e-300, 2^-1074)
local s = "x"
print(s .. 1, 1 .. s, 1.0 .. s, -0.0 .. s, 1e100 .. s, math.maxinteger .. s, 2^63 .. "")
print(#"hello", ("abc"):rep(0), ("ab"):rep(3), "a" < "b", "" < "a", "a" .. "" == "a")
