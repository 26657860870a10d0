# http-nio samples outside SimpleCommandBus.handle, each put into the first bucket whose regex matches a frame of its
# stack (specific buckets first), else by its leaf-most framework frame. usage: buckets.py x.txt
import re,collections,sys
text=open(sys.argv[1]).read()
samples=text.split('jdk.ExecutionSample {')[1:]
pat=re.compile(r'^\s+([\w$.<>/]+)\(.*?line:', re.M)
specific=[('validation',r'hibernate\.validator'),('position-advice',r'EventPositionAdvice|LocalWriteTracker|ReadModelPositions'),
 ('json-read',r'AbstractJackson2HttpMessageConverter\.read|StrictJsonConverter\.read'),('json-write',r'AbstractJackson2HttpMessageConverter\.write|AbstractMessageConverterMethodProcessor\.writeWithMessageConverters'),
 ('request-handled-event',r'publishRequestHandledEvent'),('observation',r'io\.micrometer\.observation|ObservationFilter\.(start|stop)|DefaultServerRequestObservationConvention'),
 ('introspector-cache',r'HandlerMappingIntrospector\.setCache'),('security-matchers',r'RequestMatcherDelegatingAuthorizationManager'),
 ('axon-dispatch',r'org\.axonframework'),('controller',r'BookingController\.create'),('mvc-handler-lookup',r'AbstractHandlerMapping\.getHandler'),
 ('our-filters-self',r'^com\.bookingengine\.platform\.web')]
generic=[('security',r'springframework\.security'),('mvc',r'springframework\.web'),('tomcat',r'org\.apache'),('other',r'.')]
n=0;m=0;b=collections.Counter()
for s in samples:
    f=pat.findall(s)
    if not f: continue
    n+=1
    t=re.search(r'sampledThread = "([^"]*)"', s)
    if not t or 'http-nio' not in t.group(1): continue
    if 'org.axonframework.commandhandling.SimpleCommandBus.handle' in f: continue
    m+=1
    done=False
    for name,rx in specific:
        if name=='our-filters-self':
            # only when the leaf-most framework frame is ours
            fw=[x for x in f if re.search(r'springframework|bookingengine|apache|micrometer|fasterxml|hibernate|axonframework',x)]
            if fw and re.search(rx,fw[0]): b[name]+=1; done=True; break
            continue
        if any(re.search(rx,x) for x in f): b[name]+=1; done=True; break
    if done: continue
    fw=[x for x in f if re.search(r'springframework|apache|bookingengine',x)]
    for name,rx in generic:
        if fw and re.search(rx,fw[0]): b[name]+=1; break
        if not fw: b['other']+=1; break
print("samples",n,"http outside handle",m,f"{m*100/n:.1f}%")
for k,c in b.most_common(): print(f"{c*100/n:5.1f} % of all  {c*100/m:5.1f} % of outside  {k}")
if len(sys.argv)>2:
    want=sys.argv[2]; cc=collections.Counter()
    for s in samples:
        f=pat.findall(s)
        if not f: continue
        t=re.search(r'sampledThread = "([^"]*)"', s)
        if not t or 'http-nio' not in t.group(1) or 'org.axonframework.commandhandling.SimpleCommandBus.handle' in f: continue
        if any(re.search(rx,x) for name,rx in specific[:-1] for x in f): continue
        fw=[x for x in f if re.search(r'springframework|apache|bookingengine',x)]
        key=(fw[0] if fw else 'NONE')+' <- '+f[0]
        cc[key]+=1
    for k,c in cc.most_common(60): print(c,k)
