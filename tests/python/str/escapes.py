# Escape sequences in literals and raw strings, and how repr shows control characters.
print("tab:\t|", "newline:\\n", "quote:\"", 'single:\'', "backslash:\\")
print(repr("\n\t\r\x00\x7f\x1b"), repr("\u00e9\u200b"), repr("\xff"), len("\x41\101\u0041"))
print(r"raw\n\t", len(r"\n"), repr(r"a\b"))
print("bell\a".encode(), "\101\102\103", "\x41\x42")
print("""triple
quoted""", '''also "with" quotes''')
print("implicit" " " "concatenation")
