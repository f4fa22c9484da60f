# Iterating bytes yields ints; building bytes from a checksum loop.
data = b"The quick brown fox"
total = 0
for byte in data:
    total = (total * 31 + byte) % 1000003
print(total, sum(data), max(data), min(data), sorted(data)[:5])
print(bytes(b ^ 0x20 for b in data if 65 <= b <= 122))
print([hex(b) for b in b"\x00\x10\xff"], list(enumerate(b"ab")))
