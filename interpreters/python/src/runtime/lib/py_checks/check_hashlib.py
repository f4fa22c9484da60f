import hashlib, random
random.seed(1)
for n in [0, 1, 3, 55, 56, 63, 64, 65, 111, 112, 119, 127, 128, 129, 200, 1000]:
    data = bytes(random.randrange(256) for _ in range(n))
    for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']:
        h = hashlib.new(name, data)
        g = getattr(hashlib, name)()
        for i in range(0, n, 37):
            g.update(data[i:i + 37])
        c = g.copy()
        c.update(b'x')
        print(name, n, h.hexdigest(), h.digest() == g.digest(), c.hexdigest() != g.hexdigest(), h.digest_size, h.block_size, h.name)
print(hashlib.sha256(b'abc').hexdigest(), hashlib.md5('héllo'.encode()).hexdigest())
for bad in [lambda: hashlib.sha256('text'), lambda: hashlib.new('nope')]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
