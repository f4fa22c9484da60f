import shlex
for s in ['a b  c', "echo 'hello world' \"x y\"", 'a\\ b c', '"a\\"b" \'c\\d\'', 'x="1 2"y', "it's", '"unclosed', 'trail\\',
          'one # comment\ntwo', "''", 'a"b"\'c\'', '  ', '"\\n\\\\"', 'cmd --opt="a b" -x']:
    for comments in (False, True):
        try:
            print(repr(s), comments, shlex.split(s, comments=comments))
        except ValueError as e:
            print(repr(s), comments, 'ValueError', e)
for s in ['', 'plain', 'with space', "it's", 'a$b', 'ünï', '-x=1,2']:
    print(repr(shlex.quote(s)))
print(shlex.join(['ls', '-l', 'my file', "it's"]), shlex.split(shlex.join(['a b', "c'd", ''])))
