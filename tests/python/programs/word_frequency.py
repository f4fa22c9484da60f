# Word frequency counting over a text: normalisation, Counter, sorting ties alphabetically.
import re
from collections import Counter
TEXT = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness, it was the spring of hope,
it was the winter of despair."""
words = re.findall(r"[a-z']+", TEXT.lower())
counts = Counter(words)
print(len(words), len(counts))
for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8]:
    print(f"{word:>12} {n:3} {'#' * n}")
lengths = Counter(len(w) for w in words)
print(sorted(lengths.items()))
manual = {}
for w in words:
    manual[w] = manual.get(w, 0) + 1
print(manual == dict(counts), max(manual, key=lambda w: (manual[w], w)))
