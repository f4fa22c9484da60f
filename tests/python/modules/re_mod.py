# re: match, search, findall, finditer, sub, split, groups, named groups, flags, compile.
import re
m = re.match(r"(\w+)@(\w+)\.com", "alice@example.com")
print(m.group(0), m.group(1), m.groups(), m.span(2), m.start(), m.end())
print(re.search(r"\d+", "abc 123 def 45").group(), re.match(r"\d", "abc"), re.fullmatch(r"[a-z]+", "abc") is not None)
print(re.findall(r"\d+", "1 a 22 b 333"), re.findall(r"(\w)(\d)", "a1 b2 c"), re.findall(r"o", "foo boo"))
print([m.group() for m in re.finditer(r"[A-Z]\w*", "Hello big World Foo")])
print(re.sub(r"\s+", " ", "a   b \t c"), re.sub(r"(\w+)=(\w+)", r"\2=\1", "k=v x=y"), re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2"))
print(re.split(r"[,;]\s*", "a, b;c,  d"), re.split(r"(-)", "1-2-3"), re.subn("a", "A", "banana"))
p = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")
m = p.search("date: 2024-03!")
print(m.group("year"), m["month"], m.groupdict(), p.pattern)
print(re.findall(r"^\w+", "one\ntwo\nthree", re.MULTILINE), re.search("HELLO", "say hello", re.IGNORECASE).group())
print(re.escape("a.b*c"), re.sub(r"(?i)cat", "dog", "Cat cat CAT"), bool(re.match(r"a.c", "a\nc", re.DOTALL)))
