// Who may take part in an ITU meeting, in the words of its invitations: the five participant
// categories. Shared by registration, the meeting form, exports and focal points. Isomorphic.

export const PARTICIPANT_CATEGORIES = ["MEMBER_STATE", "SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA", "INDIVIDUAL"] as const;
export type ParticipantCategoryValue = (typeof PARTICIPANT_CATEGORIES)[number];

/** Categories that register on behalf of an organization, whose name is then required. */
export const CATEGORIES_WITH_ORGANIZATION: readonly ParticipantCategoryValue[] = ["SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA"];
