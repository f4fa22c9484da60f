# An f-string error is reported at the token after the string literals, as CPython 3.11 does.
values = {"a": 1}
label = (f"{values}"
         f"{values['a']!x:>4}")  # trailing comment
