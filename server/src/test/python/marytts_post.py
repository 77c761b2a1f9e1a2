"""A MaryTTS client as Home Assistant's marytts platform talks to a MaryTTS server: one POST to /process with a
form-encoded body and no Content-Type header (Python's http.client sends only Content-Length), then the audio.

usage: marytts_post.py HOST PORT TEXT OUT_FILE
prints the HTTP status and Content-Type; writes the body to OUT_FILE.
"""
import http.client
import sys
from urllib.parse import urlencode

host, port, text, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
body = urlencode({
    "INPUT_TEXT": text.encode("utf-8"),
    "INPUT_TYPE": "TEXT",
    "OUTPUT_TYPE": "AUDIO",
    "LOCALE": "en_US",
    "AUDIO": "WAVE_FILE",
    "VOICE": "cmu-slt-hsmm",
    "effect_Volume_selected": "on",
    "effect_Volume_parameters": "amount:2.0;",
})
conn = http.client.HTTPConnection(host, port, timeout=60)
conn.request("POST", "/process", body)
response = conn.getresponse()
data = response.read()
with open(out, "wb") as f:
    f.write(data)
print(response.status, response.getheader("Content-Type"))
