import struct, random, math
random.seed(5)
codes = 'bBhHiIlLqQnN?efd'
for fmt in ['@bhiq', '@qb', 'bi0q', '<hh', '>d', '!If', '=e', '@?xh', '<3s2p', '@c5si', 'xxh', '@e d', '<10x']:
    print(fmt, struct.calcsize(fmt))
for _ in range(200):
    o = random.choice('@=<>!')
    c = random.choice(codes)
    if o != '@' and c in 'nN':
        continue
    if c in 'efd':
        v = random.choice([0.0, -0.0, 1.5, -2.25, 1e-5, 3.14159, 65504.0, 65520.0, 1e-8, 6e-8, 1e38, 3.5e38,
                           1e-40, 1e-46, 1e308, 5e-324, math.inf, -math.inf, random.uniform(-1e6, 1e6),
                           random.uniform(-1, 1) * 10 ** random.randint(-40, 40)])
    elif c == '?':
        v = random.choice([0, 1, 7, '', 'x', None])
    else:
        v = random.choice([0, 1, -1, 127, 128, 255, 256, -129, 32767, 65535, 65536, 2**31, -2**31 - 1,
                           2**32, 2**63, 2**64, -2**63, random.randint(-2**40, 2**40), 1.5, 'x'])
    try:
        b = struct.pack(o + c, v)
        print(o + c, repr(v), b, struct.unpack(o + c, b))
    except (struct.error, OverflowError) as e:
        print(o + c, repr(v), type(e).__name__, e)
print(struct.pack('<3s2p', b'abcdef', b'xyz'), struct.unpack('<3p', b'\x09ab'), struct.pack('<5p', b'ab'))
print(struct.pack('@bhiq', 1, 2, 3, 4), struct.unpack('@bhiq', struct.pack('@bhiq', -1, -2, -3, -4)))
print(list(struct.iter_unpack('<hH', bytes(range(12)))))
s = struct.Struct('<ih')
print(s.size, s.format, s.pack(7, -7), s.unpack_from(b'\x00' + s.pack(1, 2), 1))
buf = bytearray(10)
s.pack_into(buf, 2, 5, 6)
print(buf, struct.unpack_from('<h', buf, 6))
print(struct.unpack('<d', struct.pack('<d', math.nan))[0] != struct.unpack('<d', struct.pack('<d', math.nan))[0])
for args in [('<2h', 1), ('<h', 1, 2), ('z',), ('<3s', 'abc'), ('<c', b'ab'), ('3',)]:
    try:
        struct.pack(*args)
    except struct.error as e:
        print('error', e)
for args in [('<h', b'abc'), ('<2h', b'ab')]:
    try:
        struct.unpack(*args)
    except struct.error as e:
        print('error', e)
for args in [('<h', b'abc'), ('', b'abc')]:
    try:
        list(struct.iter_unpack(*args))
    except struct.error as e:
        print('error', e)
try:
    s.pack_into(bytearray(3), 0, 1, 2)
except struct.error as e:
    print('error', e)
try:
    s.unpack_from(b'abc', 1)
except struct.error as e:
    print('error', e)
