"""maillib.py - build raw RFC 5322 messages (CRLF) from an item spec.

spec keys: from_name, from_addr, subject, date ('2026-03-04 10:12'), tz ('+0900'),
enc ('jis' = ISO-2022-JP 7bit, 'u8' = UTF-8 8bit, 'b64' = UTF-8 base64),
hdr_cs ('jis' | 'u8': charset of the RFC 2047 words), body, extra ([[name, value]]),
msgid_domain, jst_comment (bool), flowed (bool).
"""
import base64
import hashlib
from email.header import Header


def enc_words(text, cs):
    if all(ord(c) < 128 for c in text):
        return text
    charset = 'iso-2022-jp' if cs == 'jis' else 'utf-8'
    return Header(text, charset, maxlinelen=76).encode(linesep='\r\n')


def fmt_date(s, tz, comment):
    import datetime as dt
    d = dt.datetime.strptime(s, '%Y-%m-%d %H:%M:%S' if s.count(':') == 2 else '%Y-%m-%d %H:%M')
    wd = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][d.weekday()]
    mo = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.month - 1]
    out = '%s, %d %s %d %02d:%02d:%02d %s' % (wd, d.day, mo, d.year, d.hour, d.minute, d.second, tz)
    if comment:
        out += ' (JST)'
    return out


def build(spec, file_key):
    body = spec['body'].strip('\n')
    lines = body.split('\n')
    enc = spec.get('enc', 'u8')
    cs = spec.get('hdr_cs', 'jis' if enc == 'jis' else 'u8')
    h = []
    name = spec.get('from_name')
    addr = spec['from_addr']
    h.append(('From', ('%s <%s>' % (enc_words(name, cs), addr)) if name else addr))
    h.append(('To', spec.get('to', 'soudan@desk.example.jp')))
    for k, v in spec.get('extra_pre', []):
        h.append((k, v))
    h.append(('Subject', enc_words(spec['subject'], cs)))
    h.append(('Date', fmt_date(spec['date'], spec.get('tz', '+0900'), spec.get('jst_comment', False))))
    dom = spec.get('msgid_domain') or addr.split('@')[1]
    mid = hashlib.sha1((file_key + spec['date'] + addr).encode()).hexdigest()
    h.append(('Message-ID', '<%s.%s@%s>' % (spec['date'][:10].replace('-', ''), mid[:16], dom)))
    h.append(('MIME-Version', '1.0'))
    for k, v in spec.get('extra', []):
        h.append((k, v))
    if enc == 'jis':
        try:
            raw = '\r\n'.join(lines).encode('iso2022_jp')
        except UnicodeEncodeError as e:
            raise SystemExit('%s: not encodable in ISO-2022-JP: %s' % (file_key, e))
        ct = 'text/plain; charset="ISO-2022-JP"'
        cte = '7bit'
        payload = raw + b'\r\n'
    elif enc == 'u8':
        raw = '\r\n'.join(lines).encode('utf-8')
        ct = 'text/plain; charset=UTF-8' + ('; format=flowed' if spec.get('flowed') else '')
        cte = '8bit'
        payload = raw + b'\r\n'
    else:
        raw = ('\r\n'.join(lines) + '\r\n').encode('utf-8')
        ct = 'text/plain; charset="utf-8"'
        cte = 'base64'
        b = base64.b64encode(raw).decode()
        payload = ('\r\n'.join(b[i:i + 76] for i in range(0, len(b), 76)) + '\r\n').encode()
    h.append(('Content-Type', ct))
    h.append(('Content-Transfer-Encoding', cte))
    head = ''.join('%s: %s\r\n' % (k, v) for k, v in h).encode('ascii')
    for ln in payload.split(b'\r\n'):
        if len(ln) > 998:
            raise SystemExit('%s: line longer than 998 bytes' % file_key)
    return head + b'\r\n' + payload
