# Triple-quoted strings keep newlines and indentation; textwrap.dedent removes common indent.
import textwrap
text = """
    first line
      indented
    last
"""
print(repr(text))
print(textwrap.dedent(text))
lines = text.strip("\n").split("\n")
for line in lines:
    print(len(line), repr(line.strip()))
