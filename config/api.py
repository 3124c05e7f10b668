from gonghui.alarms.api import router as alarms
from gonghui.core.api import build_api
from gonghui.governance.api import router as governance
from gonghui.members.api import router as members
from gonghui.orgs.api import router as orgs
from gonghui.reports.api import router as reports
from gonghui.voice.api import router as voice

api = build_api([
    ("/orgs", orgs),
    ("/members", members),
    ("/voice", voice),
    ("/governance", governance),
    ("/alarms", alarms),
    ("/reports", reports),
])
