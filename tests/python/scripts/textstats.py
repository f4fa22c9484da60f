# Word statistics over a text: str methods, regexes, Counter, sorting, comprehensions, zip.
import re
from collections import Counter

TEXT = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness."""

words = re.findall(r"[a-z]+", TEXT.lower())
print(len(words), len(set(words)))
counts = Counter(words)
for w, n in counts.most_common(5):
    print(f"{w:>8} {n:3d} {'#' * n}")
lengths = {w: len(w) for w in set(words)}
longest = sorted(lengths, key=lambda w: (-lengths[w], w))[:4]
print(longest)
print(re.sub(r"\bit was\b", "IT WAS", TEXT.splitlines()[0]))
print(re.split(r",\s*", TEXT.splitlines()[1]))
m = re.search(r"season of (\w+)", TEXT)
print(m.group(0), m.group(1), m.start(), m.end(), m.span(1))
print([m.group(1) for m in re.finditer(r"the (\w+) of", TEXT)])
pat = re.compile(r"(?P<first>\w+) of (?P<second>\w+)")
print(pat.findall(TEXT)[:3])
mm = pat.search(TEXT)
print(mm.groupdict(), mm["first"])
caps = " ".join(w.capitalize() for w in "the quick brown fox".split())
print(caps, caps.swapcase(), caps.title().center(30, "."))
sentence = "  Hello,   World!  "
print(repr(sentence.strip()), sentence.split(), "-".join(sentence.split()))
print("abc".zfill(6), "3.5".rjust(6, "0"), "x".ljust(3) + "|")
pairs = list(zip(words[:5], words[1:6]))
print(pairs)
print(sorted(set(words) - {"it", "was", "the", "of"})[:6])
vowels = sum(1 for c in TEXT.lower() if c in "aeiou")
print(vowels, round(vowels / len(TEXT), 3))
print(TEXT.count("was"), TEXT.find("age"), TEXT.rfind("age"), TEXT.index("Light"))
print("%-10s|%5d|%7.3f|%x|%r" % ("name", 42, 3.14159, 255, "q"))
print("{0} {1} {0}".format("a", "b"), "{name}={val:.2f}".format(name="pi", val=3.14159))
