"""Write the fictional scenario's recorded documents into examples/cassettes/ (run once; the YAML is committed).

Everything here is invented: the Republic of Veloria, its Ministry of Defence, the Kestrel Institute and every
person named. The URLs are example.org addresses that were never fetched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from attrib.cassette import Recording, cassette_path, write_cassette

HERE = Path(__file__).parent
RECORDED = dt.datetime(2025, 3, 14, 9, 0, tzinfo=dt.UTC)

BRIEFING_0304 = """\
Transcript: Ministry of Defence Press Briefing, 4 March 2025

PRESS SECRETARY BRIGADIER GENERAL LENA VARGA: Good afternoon, everyone. Winter has cost the enemy more than it has cost us. Our units along the Drava have rotated on schedule, and I have nothing further on the exchange of prisoners.

Q: General, can you give us numbers for the eastern district?

GEN. VARGA: Not today. I will have more for you next week.
"""

BRIEFING_0311 = """\
Transcript: Ministry of Defence Press Briefing, 11 March 2025

PRESS SECRETARY BRIGADIER GENERAL LENA VARGA: Good afternoon. Let me start with the front. We have seen the northern line hold for a third straight week. The enemy's gains around Drava have been incremental at best, and we do not expect that to change before the spring thaw. The northern front remains finely balanced, and I want to be clear about that.

On logistics: we have moved at least 4,000 troops to the eastern district since February. We have also delivered a couple thousand drones to the brigades there. Supplies reach the front by rail, by road and by river. The bridge at Selm was repaired in nine days. Our air defences intercepted most of the missiles fired at Korvin on Sunday night.

As General Brenn put it this morning, "the river is our ally until the thaw." I think that is right. Our forces withdrew from the village of Ost to better positions, in good order. The situation is difficult but stable. We are not planning a new mobilisation.

Q: General, would you say the ministry is hiding its losses in the Drava pocket?

GEN. VARGA: No. We publish our figures every month.

DEPUTY PRESS SECRETARY TOMAS REYL: If I may add one thing on recruitment. Recruitment numbers are ahead of the plan for this quarter, and the training centres are full.

Q: Thank you.
"""

RELEASE_0309 = """\
Minister Marsh meets allied defence ministers in Lunden

The Ministry of Defence said on Sunday that the last convoy of winter equipment reached the port of Tarsa on schedule. Minister of Defence Ivo Marsh met his counterparts from four partner countries in Lunden.

"We will meet every commitment we have made to our partners," Minister Ivo Marsh said after the meeting.

The ministers agreed to meet again in June.
"""

REPORT_0310 = """\
Kestrel Institute: Drava Front Assessment, 10 March 2025

Key Takeaways

The enemy lacks the reserves to mount a spring offensive on the Drava front. Its winter attacks have cost it heavily in armour and trained infantry.[1]

The enemy offensive has stalled along most of the front, although local attacks continue near Ost.[2]

Velorian forces are likely to hold the northern line through March if deliveries of drones continue at the current rate.[3]

[1] https://www.example.org/kestrel/sources/1
[2] https://www.example.org/kestrel/sources/2
[3] https://www.example.org/kestrel/sources/3
"""

DOCUMENTS = {
    "vmod-briefing-2025-03-04": ("https://www.example.org/mod/briefings/2025-03-04", BRIEFING_0304),
    "vmod-briefing-2025-03-11": ("https://www.example.org/mod/briefings/2025-03-11", BRIEFING_0311),
    "vmod-release-2025-03-09": ("https://www.example.org/mod/news/2025-03-09-marsh-lunden", RELEASE_0309),
    "kestrel-drava-2025-03-10": ("https://www.example.org/kestrel/drava-assessment-2025-03-10", REPORT_0310),
}


def main() -> None:
    for doc_id, (url, text) in DOCUMENTS.items():
        body = text.encode("utf-8")
        write_cassette(
            cassette_path(HERE, doc_id),
            Recording(
                document_id=doc_id,
                request_url=url,
                url=url,
                status=200,
                headers={"content-type": "text/plain; charset=utf-8"},
                body=body,
                recorded_at=RECORDED,
                sha256=hashlib.sha256(body).hexdigest(),
                request_headers={"user-agent": "attrib/0.1 (+https://www.example.org/attrib)"},
            ),
        )


if __name__ == "__main__":
    main()
