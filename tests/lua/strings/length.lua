-- # counts bytes, including embedded zeros and multi-byte UTF-8 sequences.
print(#"", #"a", #"hello world", #"\0", #"a\0b\0c")
print(#"héllo", #"\u{1F600}", #("x"):rep(1000))
local s = "abc"
print(#s .. "!", -#s, #s * 2)
print(string.len("four"), ("five5"):len())
