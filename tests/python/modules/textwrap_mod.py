# textwrap: wrap, fill, dedent, indent, shorten.
import textwrap
text = "The quick brown fox jumps over the lazy dog and keeps running through the forest until night falls."
print(textwrap.wrap(text, 30))
print(textwrap.fill(text, width=40))
print(textwrap.fill(text, width=25, initial_indent="* ", subsequent_indent="  "))
print(textwrap.indent("a\nb\n", "> "), end="")
print(textwrap.shorten(text, width=40), textwrap.dedent("    x\n      y\n"), sep="\n")
