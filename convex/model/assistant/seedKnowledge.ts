/**
 * The demo knowledge base of the Financial Aid office (the sample file the Knowledge base page
 * imports, as data: Convex functions can't read files). `seed:demo` adds it to an office whose
 * knowledge base is empty.
 */
import type { EntryFields } from "../shared/knowledgeRules";

export const DEMO_KNOWLEDGE_OFFICE = "Financial Aid";

export const DEMO_KNOWLEDGE: readonly (EntryFields & { id: string })[] = [
  {
    id: "fafsa-deadline",
    question: "When is the FAFSA deadline?",
    answer: "Our priority FAFSA deadline is March 1. File at studentaid.gov using school code 001234.",
    alternates: ["When do I need to file the FAFSA by?", "What is the last day to submit FAFSA?", "FAFSA due date"],
    keywords: ["fafsa", "deadline", "due", "priority"],
  },
  {
    id: "fafsa-code",
    question: "What is the school code for the FAFSA?",
    answer: "Our federal school code is 001234. Add it in the school selection step of your FAFSA.",
    alternates: ["Which school code do I put on my FAFSA?", "federal school code", "college code for financial aid"],
    keywords: ["school code", "code", "federal code"],
  },
  {
    id: "fafsa-corrections",
    question: "How do I fix a mistake on my FAFSA?",
    answer:
      "Log in at studentaid.gov, choose Make a Correction, update the field and re-sign. Changes reach us in 3 to 5 days.",
    alternates: ["I made an error on my FAFSA", "how to correct FAFSA", "update my FAFSA answers"],
    keywords: ["correction", "correct", "mistake", "error", "update"],
  },
  {
    id: "verification",
    question: "What is verification and what do I send?",
    answer:
      "Verification means we must confirm your FAFSA data. Upload your tax transcript and the verification worksheet in the student portal.",
    alternates: ["I was selected for verification", "what documents for verification", "verification worksheet"],
    keywords: ["verification", "selected", "worksheet", "transcript"],
  },
  {
    id: "missing-docs",
    question: "How do I know if documents are missing?",
    answer:
      "Open the student portal and look under To-Do List. Every missing document is listed there with an upload button.",
    alternates: ["what documents am I missing", "do I have outstanding documents", "check my to do list"],
    keywords: ["missing", "documents", "to-do", "outstanding"],
  },
  {
    id: "award-letter",
    question: "When will I get my financial aid award?",
    answer:
      "Award letters go out within two weeks of a complete file. You will get an email when yours is in the portal.",
    alternates: ["when is my aid package coming", "where is my award letter", "have I been awarded aid yet"],
    keywords: ["award", "letter", "package", "offer"],
  },
  {
    id: "accept-award",
    question: "How do I accept my financial aid?",
    answer: "In the student portal choose Financial Aid, then Accept Awards. You can accept all or part of each loan.",
    alternates: ["how to accept my aid", "accept my loans", "where do I accept the award"],
    keywords: ["accept", "decline", "awards"],
  },
  {
    id: "refund-date",
    question: "When will I get my refund?",
    answer:
      "Refunds are released 10 days after classes start. Direct deposit arrives in 2 to 3 business days after release.",
    alternates: ["when is the refund coming", "refund check date", "when do I get my overage"],
    keywords: ["refund", "overage", "disbursement"],
  },
  {
    id: "direct-deposit",
    question: "How do I set up direct deposit?",
    answer:
      "Set up direct deposit in the student portal under Account, Refund Preferences. It takes about one day to activate.",
    alternates: ["direct deposit for refunds", "add my bank account", "how do I get my refund faster"],
    keywords: ["direct deposit", "bank", "account"],
  },
  {
    id: "tuition-due",
    question: "When is tuition due?",
    answer: "Tuition for the fall term is due August 15 and for spring January 10. A payment plan is available.",
    alternates: ["tuition payment deadline", "when do I have to pay", "bill due date"],
    keywords: ["tuition", "due", "bill", "pay"],
  },
  {
    id: "payment-plan",
    question: "Can I pay in installments?",
    answer: "Yes. Enroll in the monthly payment plan in the student portal; there is a $35 enrollment fee per term.",
    alternates: ["is there a payment plan", "can I split my tuition payments", "monthly payments"],
    keywords: ["installments", "payment plan", "monthly"],
  },
  {
    id: "sap-appeal",
    question: "How do I appeal Satisfactory Academic Progress?",
    answer:
      "Submit the SAP appeal form in the portal with a personal statement and an academic plan signed by your advisor.",
    alternates: ["I lost my aid because of grades", "SAP appeal", "satisfactory academic progress suspension"],
    keywords: ["sap", "appeal", "academic progress", "suspension"],
  },
  {
    id: "loan-counseling",
    question: "Do I need entrance counseling for loans?",
    answer:
      "First-time borrowers must complete entrance counseling and the Master Promissory Note at studentaid.gov before loans disburse.",
    alternates: ["entrance counseling", "master promissory note", "MPN for student loans"],
    keywords: ["entrance counseling", "mpn", "promissory"],
  },
  {
    id: "work-study",
    question: "How do I find a work-study job?",
    answer: "Work-study jobs are posted on the Career Center job board. Filter by Federal Work-Study.",
    alternates: ["where are work study jobs", "how does work study work", "campus jobs for work study"],
    keywords: ["work-study", "work study", "job"],
  },
  {
    id: "scholarships",
    question: "Are there scholarships I can apply for?",
    answer:
      "Yes. Apply through the scholarship portal by February 15; one application covers most institutional scholarships.",
    alternates: ["how do I apply for scholarships", "scholarship deadline", "free money for school"],
    keywords: ["scholarship", "scholarships", "grant"],
  },
  {
    id: "office-hours",
    question: "What are your office hours?",
    answer:
      "The Financial Aid office is open Monday to Friday, 8:30 am to 4:30 pm, in Room 120 of the Student Services building.",
    alternates: ["when are you open", "what time does financial aid close", "are you open today"],
    keywords: ["hours", "open", "close", "location"],
  },
  {
    id: "office-location",
    question: "Where is the financial aid office?",
    answer: "We are in Room 120 of the Student Services building, next to the Registrar.",
    alternates: ["where are you located", "how do I find your office", "which building is financial aid in"],
    keywords: ["where", "located", "building", "room"],
  },
  {
    id: "appointment",
    question: "How do I make an appointment with an advisor?",
    answer: "Book a 20-minute appointment with a financial aid advisor on the scheduling page in the student portal.",
    alternates: ["can I meet with someone", "schedule a meeting with financial aid", "talk to an advisor in person"],
    keywords: ["appointment", "meet", "advisor", "schedule"],
  },
  {
    id: "dependency-override",
    question: "What if I cannot get my parents' information?",
    answer:
      "You may qualify for a dependency override. Contact us to request a review and bring documentation of your situation.",
    alternates: ["my parents won't give me their tax info", "dependency override", "I am estranged from my parents"],
    keywords: ["dependency", "override", "parents", "independent"],
  },
  {
    id: "special-circumstances",
    question: "My family income dropped. Can my aid change?",
    answer:
      "Yes, submit a Special Circumstances request with documentation of the change and we will review your award.",
    alternates: ["my parent lost their job", "income changed this year", "professional judgment request"],
    keywords: ["special circumstances", "income", "lost job", "professional judgment"],
  },
  {
    id: "enrollment-status",
    question: "Do I need to be full time to get aid?",
    answer:
      "Most aid requires at least half-time enrollment (6 credits). Pell Grant amounts are prorated for part-time students.",
    alternates: ["can I get aid if I am part time", "how many credits do I need for aid", "half time enrollment"],
    keywords: ["full time", "part time", "credits", "half-time"],
  },
  {
    id: "withdraw-impact",
    question: "What happens to my aid if I withdraw?",
    answer:
      "If you withdraw before 60% of the term, part of your federal aid must be returned. Talk to us before you drop classes.",
    alternates: ["if I drop all my classes", "withdrawing from school and financial aid", "return of title IV"],
    keywords: ["withdraw", "drop", "return"],
  },
  {
    id: "summer-aid",
    question: "Is financial aid available for summer?",
    answer: "Yes. Complete the summer aid request form in the portal after you register for summer classes.",
    alternates: ["can I get aid for summer classes", "summer financial aid", "summer Pell"],
    keywords: ["summer"],
  },
  {
    id: "transcript-hold",
    question: "Why do I have a hold on my account?",
    answer:
      "Holds usually come from an unpaid balance or missing documents. The portal's Holds page shows the office to contact.",
    alternates: ["I have a hold", "why can't I register", "account hold"],
    keywords: ["hold", "holds", "register"],
  },
  {
    id: "orientation",
    question: "When is new student orientation?",
    answer: "New student orientation runs August 18 to 20. Register in the admissions portal to pick your session.",
    alternates: ["orientation dates", "when is orientation", "sign up for orientation"],
    keywords: ["orientation"],
  },
  {
    id: "housing-deposit",
    question: "How do I pay the housing deposit?",
    answer: "Pay the $200 housing deposit in the housing portal; it reserves your room and is refundable until May 1.",
    alternates: ["housing deposit", "reserve a dorm room", "dorm deposit"],
    keywords: ["housing", "deposit", "dorm", "room"],
  },
  {
    id: "enrollment-deposit",
    question: "How do I confirm my enrollment?",
    answer: "Confirm your spot by paying the $150 enrollment deposit in the admissions portal by May 1.",
    alternates: ["enrollment deposit", "how do I commit", "intent to enroll"],
    keywords: ["enrollment deposit", "commit", "confirm", "intent"],
  },
  {
    id: "password-reset",
    question: "I forgot my portal password.",
    answer: "Reset your password on the portal login page with Forgot Password, or call the IT help desk at 555-0100.",
    alternates: ["can't log in to the portal", "reset my password", "locked out of my account"],
    keywords: ["password", "log in", "login", "locked"],
  },
  {
    id: "contact-phone",
    question: "What is your phone number?",
    answer: "Call the Financial Aid office at 555-0142, Monday to Friday 8:30 am to 4:30 pm.",
    alternates: ["how can I call you", "phone number for financial aid", "can I call someone"],
    keywords: ["phone", "call", "number"],
  },
];
