/** A group as lists and the detail header show it. */
export type GroupSummary = {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
};

/** One member row of a group's Members tab. */
export type GroupMemberRow = {
  userId: string;
  userName: string;
  displayName: string;
  email: string;
  active: boolean;
  addedAt: Date;
};

/** A user that can be added to a group (search results of the Add members flow). */
export type GroupCandidate = {
  id: string;
  userName: string;
  displayName: string;
  email: string;
  active: boolean;
};
