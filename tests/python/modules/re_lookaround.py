# re look-ahead, look-behind and backreferences (the backtracking matcher), with CPython results.
import re
print(re.sub(r"(?<=\d)(?=(\d{3})+$)", ",", "1234567"), re.split(r"(?<=[.!?]) +", "Hi. How are you? Fine!  Ok"))
print(re.findall(r"\b(\w+) \1\b", "this is is a test test"), re.search(r"(?P<q>['\"]).*?(?P=q)", "x 'a' y").group())
print(re.findall(r"\w+(?=ing\b)", "singing and dancing"), re.findall(r"(?<!\$)\b\d+", "$5 and 6 and $77 8"))
print(re.sub(r"(\w)\1", r"<\1\1>", "aabbcd"), re.match(r"(?i)(a)(?=B)", "Ab").groups(), re.fullmatch(r"(\d)(?:\1)+", "7777"))
m = re.search(r"(?P<word>\w+)(?= world)", "hello world")
print(m.group("word"), m.span(), m.groupdict(), m.start(1), re.compile(r"(?<=a)b", re.I).flags)
print(re.findall(r"(?m)^(?!#)\w+", "# c\nabc\n#x\ndef"), re.sub(r"(?<=^)|(?<=\n)", "> ", "a\nb"))
print(list(m.span() for m in re.finditer(r"(?=(\w\w))", "abcd")), re.findall(r"(?=(\w\w))", "abcd"))
print(re.sub(r"([a-z])(?=[A-Z])", r"\1_", "camelCaseName").lower(), re.findall(r"(.)(?!.*\1)", "abcabd"))
try:
    re.compile(r"(?<=a+)b")
except re.error as e:
    print("error:", e)
