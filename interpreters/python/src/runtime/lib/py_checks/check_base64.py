import base64, random
random.seed(2)
for n in list(range(0, 12)) + [57, 58, 100]:
    data = bytes(random.randrange(256) for _ in range(n))
    e = base64.b64encode(data)
    print(n, e, base64.b64decode(e) == data, base64.urlsafe_b64encode(data), base64.urlsafe_b64decode(base64.urlsafe_b64encode(data)) == data,
          base64.b32encode(data), base64.b32decode(base64.b32encode(data)) == data, base64.b32hexencode(data),
          base64.b16encode(data), base64.b16decode(base64.b16encode(data)) == data, base64.b85encode(data),
          base64.b85decode(base64.b85encode(data)) == data, base64.a85encode(data), base64.a85decode(base64.a85encode(data)) == data,
          base64.b64encode(data, altchars=b'-_'), base64.encodebytes(data)[-5:])
print(base64.b64decode('aGVsbG8gd29ybGQ='), base64.b64decode(b'aGVs bG8=\n'), base64.b32decode('mzxw6===', casefold=True),
      base64.b16decode('ab', casefold=True), base64.a85encode(b'\0\0\0\0    x', foldspaces=True), base64.b85encode(b'ab', pad=True))
for bad in [lambda: base64.b64decode('aGVsbG8'), lambda: base64.b64decode('a'), lambda: base64.b64decode('aG!V', validate=True),
            lambda: base64.b32decode('abc'), lambda: base64.b16decode('ABC'), lambda: base64.b16decode('zz'), lambda: base64.b64encode('str'),
            lambda: base64.b85decode(b'|NsC0~')]:
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
