# Encoding text to bytes and back, with utf-8 multi-byte sequences and error handlers.
text = "naïve café ☃ 𝄞"
data = text.encode("utf-8")
print(data, len(text), len(data))
print(data.decode("utf-8") == text, data.decode("latin-1")[:8])
print("abc".encode("ascii"), "é".encode("latin-1"), b"\xe9".decode("latin-1"))
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
print(b"\xffab".decode("utf-8", "ignore"), b"\xffab".decode("utf-8", errors="replace"))
