# Share of jdk.ExecutionSample stacks holding a frame: python3 agg.py <jfr print output> [regex of frames to list]
import sys, re, collections
text = open(sys.argv[1]).read()
samples = text.split('jdk.ExecutionSample {')[1:]
incl = collections.Counter(); top = collections.Counter(); threads = collections.Counter()
pat = re.compile(r'^\s+([\w$.<>/]+)\(.*?line:', re.M)
n = 0
stacks=[]
for s in samples:
    frames = pat.findall(s)
    if not frames: continue
    n += 1
    t = re.search(r'sampledThread = "([^"]*)"', s)
    threads[re.sub(r'\d+', 'N', t.group(1)) if t else '?'] += 1
    top[frames[0]] += 1
    for f in set(frames): incl[f] += 1
    stacks.append(frames)
print("samples", n)
print("== threads"); [print(f"{c*100/n:5.1f} {k}") for k, c in threads.most_common(8)]
print("== top"); [print(f"{c*100/n:5.1f} {k}") for k, c in top.most_common(15)]
filt = sys.argv[2] if len(sys.argv) > 2 else ''
print("== inclusive"); [print(f"{c*100/n:5.1f} {k}") for k, c in incl.most_common(400) if re.search(filt, k)][:0]
