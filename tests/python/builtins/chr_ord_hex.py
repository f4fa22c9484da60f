# chr, ord, hex, oct, bin, format, ascii on boundary values.
print(chr(0x41), chr(0x3b1), chr(0x10FFFF) == "\U0010ffff", ord("A"), ord("€"), ord("\n"))
print(hex(0), hex(-1), hex(2 ** 40), oct(64), bin(10), bin(-10))
print(format(10, "b"), format(255, "#06x"), format(3.5, "08.3f"), format("s", ">4"), format(True), format(None))
print(ascii("ünï"), ascii([1, "é"]), ascii("\n"))
try:
    chr(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
