# Case methods and predicates on ASCII and non-ASCII text.
for s in ["hello world", "Hello World", "HELLO", "hello_world 42", "ÉCOLE été", "mIxEd CaSe", ""]:
    print(repr(s), s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), s.casefold())
    print(" ", s.isupper(), s.islower(), s.istitle(), s.isalpha(), s.isalnum(), s.isspace())
for s in ["123", "12.3", "١٢٣", "abc", " ", "\t\n", "x1", "", "Ⅻ"]:
    print(repr(s), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isidentifier(), s.isprintable(), s.isascii())
