-- Anchors ^ and $, and the quantifiers * + - ? including greedy versus lazy matching.
print(("abc"):find("^b"), ("abc"):find("^a"), ("abc"):find("c$"), ("abc"):find("b$"))
print(("a$b"):find("$b"), ("^a"):find("^^"), ("aaa"):match("^a*$"))
print(("<a><b>"):match("<.*>"), ("<a><b>"):match("<.->"), ("ab"):match("a?b"), ("b"):match("a?b"))
print(("xaaay"):match("a+"), ("xy"):match("a*"), ("xy"):match("xa*y"), ("xaaay"):match("xa-y"))
print(("color colour"):gsub("colou?r", "C"))
print(("aaa"):gsub("a*", "-"), ("abc"):gsub("b*", "-"))
