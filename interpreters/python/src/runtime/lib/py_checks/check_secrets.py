import secrets
print(len(secrets.token_bytes()), len(secrets.token_bytes(5)), len(secrets.token_hex(8)), len(secrets.token_urlsafe(16)),
      all(c in '0123456789abcdef' for c in secrets.token_hex()))
print(all(0 <= secrets.randbelow(10) < 10 for _ in range(200)), secrets.choice('abc') in 'abc', 0 <= secrets.randbits(7) < 128)
print(secrets.compare_digest('abc', 'abc'), secrets.compare_digest(b'abc', b'abd'), secrets.compare_digest(b'a', b'ab'))
r = secrets.SystemRandom()
print(0 <= r.random() < 1, 1 <= r.randint(1, 6) <= 6, len(r.sample(range(100), 5)))
for bad in [lambda: secrets.randbelow(0), lambda: secrets.choice([]), lambda: secrets.compare_digest('a', b'a')]:
    try:
        bad()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)
