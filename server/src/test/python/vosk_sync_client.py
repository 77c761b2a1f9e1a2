#!/usr/bin/env python3
"""A synchronous vosk-server client on the `websocket-client` library (Debian's python3-websocket), in the style
of vosk-server's client-samples/python/asr-test-client.py, but sending what its Go and Node samples send: the
whole .wav file as it is, header included, in 8000-byte pieces, with no config. Each piece gets one reply; then
{"eof" : 1} gets the final result and the server closes with 1000. Prints the text of all final results joined;
exits 2 when the protocol is broken.

Usage: vosk_sync_client.py ws://HOST:PORT/PATH FILE.wav
"""
import json
import struct
import sys

import websocket


def final_text(reply):
    """The text of a final result, or None for a partial one."""
    result = json.loads(reply)
    if "partial" in result:
        return None
    return result["text"]


def transcribe(uri, path):
    texts = []
    ws = websocket.create_connection(uri, timeout=30)
    try:
        with open(path, "rb") as f:
            while True:
                data = f.read(8000)
                if len(data) == 0:
                    break
                ws.send_binary(data)
                texts.append(final_text(ws.recv()))
        ws.send('{"eof" : 1}')
        texts.append(final_text(ws.recv()))
        opcode, frame = ws.recv_data_frame(True)
        code = struct.unpack("!H", frame.data[:2])[0] if opcode == websocket.ABNF.OPCODE_CLOSE else None
        if code != 1000:
            print("expected close 1000 after eof, got opcode %s code %s" % (opcode, code), file=sys.stderr)
            sys.exit(2)
    finally:
        ws.close()
    if texts[-1] is None:
        print("the answer to eof was not a final result", file=sys.stderr)
        sys.exit(2)
    return " ".join(t for t in texts if t)


if __name__ == "__main__":
    print(transcribe(sys.argv[1], sys.argv[2]))
