# Generates support/testdata/format_spec.txt: kind \t value \t spec \t expected (or !Class: msg).
import os, random, struct
random.seed(1234)
def esc(s):
    out=[]
    for c in s:
        if c=='\\': out.append('\\\\')
        elif c=='\t': out.append('\\t')
        elif c=='\n': out.append('\\n')
        elif ord(c)<32 or ord(c)==127: out.append('\\x%02x'%ord(c))
        else: out.append(c)
    return ''.join(out)
fills=['', '*<', '*>', '*^', '*=', '<', '>', '^', '=', '0<', 'x=']
signs=['', '+', '-', ' ']
zs=['','z']
alts=['','#']
zeros=['','0']
widths=['','1','7','12','20']
groups=['',',','_']
precs=['','.0','.1','.3','.6','.12','.17','.25']
itypes=['','b','c','d','o','x','X','n','e','f','g','%','E','G','F','s']
ftypes=['','e','E','f','F','g','G','n','%','d']
stypes=['','s','d']
def spec(types):
    return random.choice(fills)+random.choice(signs)+random.choice(zs)+random.choice(alts)+random.choice(zeros)+random.choice(widths)+random.choice(groups)+random.choice(precs)+random.choice(types)
def run(v, s):
    try: return esc(format(v, s))
    except Exception as e: return '!%s: %s' % (type(e).__name__, e)
lines=[]
ints=[0,1,-1,7,42,-42,255,1000,-1000,1234567,-1234567,2**31,2**63-1,-2**63,2**64,-(2**100),10**30,65,0x10ffff,0x110000]
for _ in range(1500):
    v=random.choice(ints)
    s=spec(itypes) if random.random()<0.8 else random.choice(itypes)
    lines.append('int\t%d\t%s\t%s'%(v,esc(s),run(v,s)))
floats=[0.0,-0.0,1.0,-1.5,0.1,1/3,2/3*1e10,123456.789,-0.0004,1e-5,1e16,1e22,-1e-300,5e-324,1.7976931348623157e308,float('inf'),-float('inf'),float('nan'),0.5,2.5,1234.5,999999.5,0.00001234,-12345678.9,100.0]
for _ in range(300):
    floats.append(struct.unpack('<d', struct.pack('<Q', random.getrandbits(64)))[0] if random.random()<0.3 else random.uniform(-1e6,1e6)*10**random.randint(-20,20))
for _ in range(2500):
    v=random.choice(floats)
    s=spec(ftypes) if random.random()<0.85 else random.choice(ftypes)+random.choice(precs)
    bits=struct.unpack('<Q', struct.pack('<d', v))[0]
    lines.append('float\t%d\t%s\t%s'%(bits,esc(s),run(v,s)))
strs=['','a','hello','héllo wörld','日本語','x'*30]
for _ in range(500):
    v=random.choice(strs)
    s=spec(stypes) if random.random()<0.7 else random.choice(fills)+random.choice(widths)+random.choice(precs)+random.choice(stypes)
    lines.append('str\t%s\t%s\t%s'%(esc(v),esc(s),run(v,s)))
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'format_spec.txt')
open(out, 'w').write('\n'.join(lines) + '\n')
