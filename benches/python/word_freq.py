# word_freq: builds a text of n pseudo-random words from syllables, splits it,
# counts words in a dict, and sorts by (count desc, word asc). Prints the
# number of distinct words, the top word and its count, and a checksum over
# the top ten. argv[1] = words (default 300000).
import sys

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "shi", "vo", "zen", "qua", "pe", "do"]


def make_word(r):
    parts = []
    length = 1 + r % 3
    r = r // 3
    for _ in range(length):
        parts.append(SYLLABLES[r % 12])
        r = r // 12
    return "".join(parts)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
    seed = 42
    words = []
    for _ in range(n):
        seed = seed * 16807 % 2147483647
        # Squaring skews the distribution so that some words are frequent.
        r = seed % 2000
        words.append(make_word(r * r // 2000))
    text = " ".join(words)
    counts = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    checksum = 0
    rank = 1
    for w, c in items[:10]:
        checksum += rank * c * len(w)
        rank += 1
    print("%d %s %d %d" % (len(counts), items[0][0], items[0][1], checksum))


main()
