# struct: pack/unpack with byte orders, alignment, floats, strings and error messages.
import struct
for fmt in ['@bhiq', '<bhiq', '>HIQ', '@qb', 'bi0q', '=e', '!f', '<d', '3s2x?', '@c5sP']:
    print(fmt, struct.calcsize(fmt))
print(struct.pack('<hHiI', -2, 65535, -70000, 4000000000), struct.pack('>q', -1), struct.pack('!Q', 2 ** 64 - 1))
print(struct.unpack('<hHiI', struct.pack('<hHiI', -2, 65535, -70000, 4000000000)), struct.unpack('>bB', b'\xff\xff'))
for v in [0.0, -0.0, 1.5, 0.1, -2.75, 1e-40, 3.4e38, 65504.0, float('inf'), 1e-7]:
    print(v, struct.pack('<d', v), struct.pack('>f', v), struct.unpack('<f', struct.pack('<f', v)), struct.unpack('<e', struct.pack('<e', v)) if abs(v) < 65520 else '')
print(struct.pack('4s3p?c', b'ab', b'xyz', 7, b'!'), struct.unpack('4s3p?c', b'ab\x00\x00\x02xy\x01!'))
print(list(struct.iter_unpack('<hb', bytes(range(9)))), struct.unpack_from('>H', b'\x00\x01\x02', 1))
s = struct.Struct('<2i')
buf = bytearray(10)
s.pack_into(buf, 1, 7, -7)
print(s.size, s.format, buf, s.unpack(bytes(buf[1:9])))
for args in [('<b', 200), ('<B', -1), ('<h', 40000), ('<i', 2 ** 31), ('<I', -5), ('<q', 2 ** 63), ('<f', 1e300), ('<2h', 1), ('<h', 'x'), ('z', 1), ('<c', b'ab'), ('<3s', 'abc')]:
    try:
        struct.pack(*args)
    except (struct.error, OverflowError) as e:
        print(args[0], type(e).__name__, e)
try:
    struct.unpack('<i', b'abc')
except struct.error as e:
    print('error', e)
