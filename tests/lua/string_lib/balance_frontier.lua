-- %b matches balanced pairs; %f is the frontier pattern matching a transition between classes.
print(string.gsub("f(a, (b)) g(c)", "%b()", "[]"))
print(string.match("{ {inner} outer }", "%b{}"), string.match("no close (here", "%b()"))
print(string.gsub("THE (quick) fox", "%f[%a]%a+", "W"))
print(string.gsub("hello world from lua", "%f[%w]%w", string.upper))
print(string.find("THE (quick) fox", "%f[%l]"), string.gsub("aaa bbb", "%f[%a]", "|"))
print(string.gsub("the cat in the hat", "%f[%w]the%f[%W]", "a"))
