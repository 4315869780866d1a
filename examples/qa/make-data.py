# Writes the qa example from a fixed seed: python3 make-data.py (in this folder).
# A buyer's HR policy assistant: questions with reference answers, the answer the intranet FAQ search
# gives today (the baseline), and one vendor's answers with the passages its retriever gave the model.
import csv, random
rnd = random.Random(8)
faq = random.Random(9)  # its own stream, so the vendor's answers stay as they were
facts = [
    ("How many days of paid leave do new employees get?", "25 days", "25 working days", "leave",
     "New employees receive 25 working days of paid leave per calendar year."),
    ("Who approves travel above 5,000 euros?", "the finance director", "finance director", "travel",
     "Travel costing more than 5,000 euros must be approved by the finance director."),
    ("How long is the notice period in the first year?", "one month", "1 month", "contracts",
     "During the first year of employment the notice period is one month."),
    ("Which form do I use to claim expenses?", "form E-12", "E-12", "travel",
     "Expenses are claimed with form E-12 within 30 days of the trip."),
    ("How many weeks of parental leave are paid?", "16 weeks", "sixteen weeks", "leave",
     "Parents receive 16 weeks of fully paid parental leave."),
    ("Where do I report a lost laptop?", "the IT service desk", "IT service desk", "it",
     "A lost or stolen laptop must be reported to the IT service desk at once."),
    ("What is the daily meal allowance abroad?", "45 euros", "45 EUR", "travel",
     "The daily meal allowance for trips abroad is 45 euros."),
    ("How often are performance reviews held?", "twice a year", "every six months", "contracts",
     "Performance reviews are held twice a year, in March and September."),
]
rows, answers = [], []
for i in range(240):
    q, a, alt, topic, passage = facts[i % len(facts)]
    rid = f"R{i:03d}"
    channel = "chat" if rnd.random() < 0.6 else "email"
    # today's keyword search finds the right FAQ entry about half the time and pastes its text
    today = passage if faq.random() < 0.5 else "Please see the HR policy documents or contact HR."
    rows.append((rid, q, a, alt, topic, channel, today))
    u = rnd.random()
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
    w = csv.writer(f); w.writerow(["id", "question", "answer", "alt_answer", "topic", "channel", "faq_answer"]); w.writerows(rows)
with open("vendor.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["id", "answer", "passages"]); w.writerows(answers)
