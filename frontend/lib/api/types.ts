// The API's shapes as the frontend names them, all read from the schema generated from the API's
// OpenAPI document (schema.d.ts, `npm run gen:api`): nothing here is copied from the C# by hand.

import type { BallotJson } from "@/lib/crypto";
import type { components } from "./schema";

type Schemas = components["schemas"];

export type Election = Schemas["ElectionResponse"];
/** The list endpoints answer with whole elections too. */
export type ElectionSummary = Election;
export type ElectionStatus = Election["status"];
export type Candidate = Schemas["CandidateResponse"];
export type Ceremony = Schemas["CeremonyResponse"];
export type GuardianInvitation = Schemas["GuardianInvitation"];
export type CreateElectionRequest = Schemas["CreateElectionRequest"];

export type User = Schemas["VoterResponse"];
export type RegisterRequest = Schemas["RegisterRequest"];
export type Eligibility = Election["eligibility"];
export type RollUploadResult = Schemas["RollUploadResponse"];
export type Enrolment = Schemas["EnrolmentResponse"];
/** What the frontend's own /api/auth/login answers: the token stays in its httpOnly cookie. */
export type LoginResult = Omit<Schemas["TokenResponse"], "access_token">;

/**
 * The API takes the ballot as opaque JSON (it checks it against docs/ballot-crypto.md#ballot-json itself); its
 * shape is the one lib/crypto writes.
 */
export type Ballot = Omit<BallotJson, "election_id"> & { election_id?: number };
export type SubmitVoteResult = Schemas["VoteReceiptSummary"];
export type VoteStatus = Schemas["VoteStatusResponse"];
export type Receipt = Schemas["ReceiptResponse"];
export type ReceiptStatus = Receipt["status"];

export type Results = Schemas["ResultsResponse"];
export type CandidateCount = Schemas["CandidateCount"];

export type ChainStats = Schemas["StatsResponse"];
export type ValidatorStat = Schemas["StatsValidator"];
export type ChainVerification = Schemas["VerifyResponse"];
export type ValidatorHealth = Schemas["ValidatorHealthEntry"];
export type BlockSummary = Schemas["BlockSummary"];
export type BlockDetail = Schemas["BlockDetail"];
