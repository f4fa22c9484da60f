# hashlib: md5, sha1, sha224, sha256, sha384, sha512 digests, update in pieces, copy.
import hashlib
for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']:
    for data in [b'', b'The quick brown fox jumps over the lazy dog', bytes(range(130))]:
        h = hashlib.new(name, data)
        print(name, len(data), h.hexdigest(), h.digest_size, h.block_size)
h = hashlib.sha256()
h.update(b'hello ')
c = h.copy()
h.update(b'world')
print(h.hexdigest() == hashlib.sha256(b'hello world').hexdigest(), c.hexdigest(), hashlib.md5('héllo'.encode()).digest())
print(sorted(hashlib.algorithms_guaranteed & {'md5', 'sha1', 'sha256'}))
try:
    hashlib.sha1('text')
except TypeError as e:
    print('TypeError', e)
