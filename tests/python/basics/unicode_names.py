# Non-ASCII identifiers and string contents.
π = 3.14159
naïve = "café"
print(π, naïve, len(naïve))
größe = {"ä": 1, "ö": 2}
print(größe, sorted(größe))
print("日本語", len("日本語"), "日本語"[1])
