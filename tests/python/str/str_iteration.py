# Iterating over strings: characters, enumerate, zip, reversed, sorted and counting.
word = "banana"
for i, ch in enumerate(word):
    print(i, ch)
counts = {}
for ch in word:
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts.items()))
print(list(reversed(word)), list(zip(word, word[1:])))
print([c for c in "Hello World" if c.isupper()], list(map(str.upper, "abc")))
print(any(c.isdigit() for c in "ab3"), all(c.isalpha() for c in "ab3"))
