# Writes the qa example from a fixed seed: python3 make-data.py (in this folder).
# A buyer's HR policy assistant: 60 distinct policy questions, each asked four times by different
# employees (in other words, over chat or email), with reference answers, the answer the intranet
# FAQ search gives today (the baseline), and one vendor's answers with the passages its retriever
# gave the model. Rows of one question are not independent: the assistant tends to answer a question
# the same way each time, so the suite names data.group: question_id and intervals resample questions.
import csv, random
rnd = random.Random(8)
faq = random.Random(9)
topics = [
    ("leave", "How many days of {x} leave do employees get?", "{n} days", "{n} working days",
     "Employees receive {n} working days of {x} leave per calendar year.",
     ["paid", "sick", "study", "moving", "wedding", "care"], [25, 10, 5, 2, 3, 8]),
    ("travel", "Who approves travel above {n} euros?", "the {x}", "{x}",
     "Travel costing more than {n} euros must be approved by the {x}.",
     ["finance director", "team lead", "department head", "managing director", "travel office", "budget owner"],
     [5000, 500, 2000, 20000, 1000, 10000]),
    ("contracts", "How long is the notice period for {x}?", "{n} months", "{n} month(s)",
     "The notice period for {x} is {n} months.",
     ["interns", "new hires", "managers", "directors", "part-time staff", "contractors"], [1, 1, 3, 6, 2, 1]),
    ("travel", "What is the daily meal allowance in {x}?", "{n} euros", "{n} EUR",
     "The daily meal allowance for trips to {x} is {n} euros.",
     ["Germany", "France", "the UK", "Japan", "the US", "Spain"], [45, 50, 55, 70, 65, 40]),
    ("it", "Where do I report a lost {x}?", "the IT service desk", "IT service desk",
     "A lost or stolen {x} must be reported to the IT service desk at once.",
     ["laptop", "phone", "badge", "token", "tablet", "headset"], [0, 0, 0, 0, 0, 0]),
    ("leave", "How many weeks of {x} leave are paid?", "{n} weeks", "{n} paid weeks",
     "Employees receive {n} weeks of fully paid {x} leave.",
     ["parental", "adoption", "sabbatical", "bereavement", "caregiver", "recovery"], [16, 12, 4, 1, 2, 6]),
    ("contracts", "How often are {x} held?", "twice a year", "every six months",
     "{X} are held twice a year, in March and September.",
     ["performance reviews", "salary reviews", "goal meetings", "career talks", "team surveys", "safety drills"], [0, 0, 0, 0, 0, 0]),
    ("it", "How many days before a {x} password expires?", "{n} days", "{n}",
     "A {x} password expires after {n} days and must then be changed.",
     ["network", "email", "VPN", "payroll", "HR portal", "wifi"], [90, 90, 60, 30, 180, 365]),
    ("travel", "Which form do I use to claim {x}?", "form {n}", "{n}",
     "{X} are claimed with form {n} within 30 days.",
     ["expenses", "mileage", "per diems", "training costs", "phone costs", "relocation costs"],
     ["E-12", "M-3", "P-7", "T-2", "C-9", "R-4"]),
    ("leave", "How far ahead must {x} be requested?", "{n} weeks", "{n} weeks ahead",
     "{X} must be requested at least {n} weeks ahead.",
     ["holidays", "unpaid leave", "sabbaticals", "shift swaps", "remote weeks", "training days"], [2, 4, 12, 1, 2, 3]),
]
facts = []
for topic, q, a, alt, passage, xs, ns in topics:
    for x, n in zip(xs, ns):
        fill = lambda s: s.replace("{x}", x).replace("{X}", x[0].upper() + x[1:]).replace("{n}", str(n))
        facts.append((fill(q), fill(a), fill(alt), topic, fill(passage)))
assert len(facts) == 60
asks = ["{q}", "Quick question: {q}", "Hi, {q}", "Can you tell me: {q}"]
rows, answers = [], []
i = 0
for k, (q, a, alt, topic, passage) in enumerate(facts):
    qid = f"Q{k:02d}"
    # how the assistant handles this question: mostly the same way every time it is asked
    habit = rnd.random()
    today_finds = faq.random() < 0.5
    for ask in asks:
        rid = f"R{i:03d}"
        i += 1
        channel = "chat" if rnd.random() < 0.6 else "email"
        today = passage if today_finds else "Please see the HR policy documents or contact HR."
        rows.append((rid, qid, ask.format(q=q[0].lower() + q[1:] if ask != "{q}" else q), a, alt, topic, channel, today))
        u = habit if rnd.random() < 0.8 else rnd.random()
        noise = "Other policies apply to contractors."
        if u < 0.55:
            out = a[0].upper() + a[1:] + "."
            ctx = passage + " " + noise
        elif u < 0.80:
            out = "According to the policy, " + passage[0].lower() + passage[1:]
            ctx = passage
        elif u < 0.90:
            out = "I'm sorry, I cannot find that in the policy documents."
            ctx = noise
        else:
            out = "It depends on your manager and local rules; usually about 10 days."
            ctx = noise
        if channel == "email" and rnd.random() < 0.3:
            out = "As an AI assistant, " + out[0].lower() + out[1:]
        answers.append((rid, out, ctx))
with open("eval.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["id", "question_id", "question", "answer", "alt_answer", "topic", "channel", "faq_answer"]); w.writerows(rows)
with open("vendor.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["id", "answer", "passages"]); w.writerows(answers)
