/**
 * The demo knowledge base of the Financial Aid office (the sample file the Knowledge base page
 * imports, as data: Convex functions can't read files). `seed:demo` adds it to an office whose
 * knowledge base is empty.
 */
import type { EntryFields } from "../shared/knowledgeRules";

export const DEMO_KNOWLEDGE_OFFICE = "Financial Aid";

/**
 * One entry per paragraph, one field per line: id, question, answer, alternates (separated by
 * " | "), keywords (separated by "; ") — the separators of the knowledge base's CSV file.
 */
const ENTRIES = `
fafsa-deadline
When is the FAFSA deadline?
Our priority FAFSA deadline is March 1. File at studentaid.gov using school code 001234.
When do I need to file the FAFSA by? | What is the last day to submit FAFSA? | FAFSA due date
fafsa; deadline; due; priority

fafsa-code
What is the school code for the FAFSA?
Our federal school code is 001234. Add it in the school selection step of your FAFSA.
Which school code do I put on my FAFSA? | federal school code | college code for financial aid
school code; code; federal code

fafsa-corrections
How do I fix a mistake on my FAFSA?
Log in at studentaid.gov, choose Make a Correction, update the field and re-sign. Changes reach us in 3 to 5 days.
I made an error on my FAFSA | how to correct FAFSA | update my FAFSA answers
correction; correct; mistake; error; update

verification
What is verification and what do I send?
Verification means we must confirm your FAFSA data. Upload your tax transcript and the verification worksheet in the student portal.
I was selected for verification | what documents for verification | verification worksheet
verification; selected; worksheet; transcript

missing-docs
How do I know if documents are missing?
Open the student portal and look under To-Do List. Every missing document is listed there with an upload button.
what documents am I missing | do I have outstanding documents | check my to do list
missing; documents; to-do; outstanding

award-letter
When will I get my financial aid award?
Award letters go out within two weeks of a complete file. You will get an email when yours is in the portal.
when is my aid package coming | where is my award letter | have I been awarded aid yet
award; letter; package; offer

accept-award
How do I accept my financial aid?
In the student portal choose Financial Aid, then Accept Awards. You can accept all or part of each loan.
how to accept my aid | accept my loans | where do I accept the award
accept; decline; awards

refund-date
When will I get my refund?
Refunds are released 10 days after classes start. Direct deposit arrives in 2 to 3 business days after release.
when is the refund coming | refund check date | when do I get my overage
refund; overage; disbursement

direct-deposit
How do I set up direct deposit?
Set up direct deposit in the student portal under Account, Refund Preferences. It takes about one day to activate.
direct deposit for refunds | add my bank account | how do I get my refund faster
direct deposit; bank; account

tuition-due
When is tuition due?
Tuition for the fall term is due August 15 and for spring January 10. A payment plan is available.
tuition payment deadline | when do I have to pay | bill due date
tuition; due; bill; pay

payment-plan
Can I pay in installments?
Yes. Enroll in the monthly payment plan in the student portal; there is a $35 enrollment fee per term.
is there a payment plan | can I split my tuition payments | monthly payments
installments; payment plan; monthly

sap-appeal
How do I appeal Satisfactory Academic Progress?
Submit the SAP appeal form in the portal with a personal statement and an academic plan signed by your advisor.
I lost my aid because of grades | SAP appeal | satisfactory academic progress suspension
sap; appeal; academic progress; suspension

loan-counseling
Do I need entrance counseling for loans?
First-time borrowers must complete entrance counseling and the Master Promissory Note at studentaid.gov before loans disburse.
entrance counseling | master promissory note | MPN for student loans
entrance counseling; mpn; promissory

work-study
How do I find a work-study job?
Work-study jobs are posted on the Career Center job board. Filter by Federal Work-Study.
where are work study jobs | how does work study work | campus jobs for work study
work-study; work study; job

scholarships
Are there scholarships I can apply for?
Yes. Apply through the scholarship portal by February 15; one application covers most institutional scholarships.
how do I apply for scholarships | scholarship deadline | free money for school
scholarship; scholarships; grant

office-hours
What are your office hours?
The Financial Aid office is open Monday to Friday, 8:30 am to 4:30 pm, in Room 120 of the Student Services building.
when are you open | what time does financial aid close | are you open today
hours; open; close; location

office-location
Where is the financial aid office?
We are in Room 120 of the Student Services building, next to the Registrar.
where are you located | how do I find your office | which building is financial aid in
where; located; building; room

appointment
How do I make an appointment with an advisor?
Book a 20-minute appointment with a financial aid advisor on the scheduling page in the student portal.
can I meet with someone | schedule a meeting with financial aid | talk to an advisor in person
appointment; meet; advisor; schedule

dependency-override
What if I cannot get my parents' information?
You may qualify for a dependency override. Contact us to request a review and bring documentation of your situation.
my parents won't give me their tax info | dependency override | I am estranged from my parents
dependency; override; parents; independent

special-circumstances
My family income dropped. Can my aid change?
Yes, submit a Special Circumstances request with documentation of the change and we will review your award.
my parent lost their job | income changed this year | professional judgment request
special circumstances; income; lost job; professional judgment

enrollment-status
Do I need to be full time to get aid?
Most aid requires at least half-time enrollment (6 credits). Pell Grant amounts are prorated for part-time students.
can I get aid if I am part time | how many credits do I need for aid | half time enrollment
full time; part time; credits; half-time

withdraw-impact
What happens to my aid if I withdraw?
If you withdraw before 60% of the term, part of your federal aid must be returned. Talk to us before you drop classes.
if I drop all my classes | withdrawing from school and financial aid | return of title IV
withdraw; drop; return

summer-aid
Is financial aid available for summer?
Yes. Complete the summer aid request form in the portal after you register for summer classes.
can I get aid for summer classes | summer financial aid | summer Pell
summer

transcript-hold
Why do I have a hold on my account?
Holds usually come from an unpaid balance or missing documents. The portal's Holds page shows the office to contact.
I have a hold | why can't I register | account hold
hold; holds; register

orientation
When is new student orientation?
New student orientation runs August 18 to 20. Register in the admissions portal to pick your session.
orientation dates | when is orientation | sign up for orientation
orientation

housing-deposit
How do I pay the housing deposit?
Pay the $200 housing deposit in the housing portal; it reserves your room and is refundable until May 1.
housing deposit | reserve a dorm room | dorm deposit
housing; deposit; dorm; room

enrollment-deposit
How do I confirm my enrollment?
Confirm your spot by paying the $150 enrollment deposit in the admissions portal by May 1.
enrollment deposit | how do I commit | intent to enroll
enrollment deposit; commit; confirm; intent

password-reset
I forgot my portal password.
Reset your password on the portal login page with Forgot Password, or call the IT help desk at 555-0100.
can't log in to the portal | reset my password | locked out of my account
password; log in; login; locked

contact-phone
What is your phone number?
Call the Financial Aid office at 555-0142, Monday to Friday 8:30 am to 4:30 pm.
how can I call you | phone number for financial aid | can I call someone
phone; call; number
`;

export const DEMO_KNOWLEDGE: readonly (EntryFields & { id: string })[] = ENTRIES.trim()
  .split("\n\n")
  .map((paragraph) => {
    const [id, question, answer, alternates, keywords] = paragraph.split("\n");
    return { id, question, answer, alternates: alternates.split(" | "), keywords: keywords.split("; ") };
  });
