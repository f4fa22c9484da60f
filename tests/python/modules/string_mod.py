# string module constants and Template substitution.
import string
print(string.ascii_lowercase, string.ascii_uppercase, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), string.punctuation, len(string.printable))
t = string.Template("$who likes ${what}!")
print(t.substitute(who="Tim", what="pie"), t.safe_substitute(who="Ann"))
print(string.capwords("hello  big world"))
