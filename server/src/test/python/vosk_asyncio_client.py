#!/usr/bin/env python3
"""A vosk-server client as vosk-server's own websocket/test.py works, on the `websockets` library (Debian's
python3-websockets): config with the file's rate, 0.2 s frames each answered by one reply (lock-step), then
{"eof" : 1}, its final result and the server's close. Prints the text of all final results joined; exits 2 when
the protocol is broken (a reply missing, or no close 1000 after eof).

Usage: vosk_asyncio_client.py ws://HOST:PORT/ FILE.wav
"""
import asyncio
import json
import sys
import wave

import websockets


def final_text(reply):
    """The text of a final result, or None for a partial one."""
    result = json.loads(reply)
    if "partial" in result:
        return None
    if "alternatives" in result:
        return result["alternatives"][0]["text"]
    return result["text"]


async def transcribe(uri, path):
    texts = []
    with wave.open(path, "rb") as wav:
        async with websockets.connect(uri) as ws:
            await ws.send('{ "config" : { "sample_rate" : %d } }' % wav.getframerate())
            frames = int(wav.getframerate() * 0.2)
            while True:
                data = wav.readframes(frames)
                if len(data) == 0:
                    break
                await ws.send(data)
                texts.append(final_text(await ws.recv()))
            await ws.send('{"eof" : 1}')
            texts.append(final_text(await ws.recv()))
            await ws.wait_closed()
            if ws.close_code != 1000:
                print("expected close 1000 after eof, got %s" % ws.close_code, file=sys.stderr)
                sys.exit(2)
    if texts[-1] is None:
        print("the answer to eof was not a final result", file=sys.stderr)
        sys.exit(2)
    return " ".join(t for t in texts if t)


if __name__ == "__main__":
    print(asyncio.run(transcribe(sys.argv[1], sys.argv[2])))
