import type { AuditEntry } from '../domain/audit.ts';
import type { Staff } from '../schemas/staff.ts';
import type { Team, TeamAssignment, TeamHistoryEntry } from '../schemas/team.ts';
import type { Page, PageRequest } from './ports.ts';

/** Teams and which team is responsible for each provider (R-TEAM-1, R-TEAM-2). */
export interface StoredTeamAssignments {
  current: TeamAssignment[];
  /** Newest first. */
  history: TeamHistoryEntry[];
}

/** One assignment: the new current one, the one it replaces (its history entry is closed), and the entry it opens. */
export interface TeamMove {
  next: TeamAssignment;
  previous: TeamAssignment | null;
  history: TeamHistoryEntry;
  audit: AuditEntry[];
}

export interface TeamStore {
  getTeam(teamId: string): Promise<Team | null>;
  listTeams(request: PageRequest & { kind?: string | undefined }): Promise<Page<Team>>;
  /** ConflictError if the id is taken. */
  createTeam(team: Team, audit: AuditEntry[]): Promise<void>;
  /** StaleVersionError when the stored version is no longer `expectedVersion`. */
  replaceTeam(team: Team, expectedVersion: number, audit: AuditEntry[]): Promise<void>;
  /** A provider's team assignments now and their history: one Query. */
  providerTeams(providerId: string): Promise<StoredTeamAssignments>;
  /** ConflictError when the assignment changed since it was read, or the team is gone. */
  moveProvider(move: TeamMove): Promise<void>;
  /** Every provider (and location) the team is responsible for now: one Query on gsi1. */
  teamProviders(teamId: string): Promise<TeamAssignment[]>;
}

/** Changes to a member of staff over time (R-TEAM-5), beside the register's reads. */
export interface StaffChangeStore {
  /** A team's staff: one Query. */
  teamStaff(teamId: string): Promise<Staff[]>;
  /** StaleVersionError when `previous` is no longer the stored version; ConflictError for an email taken. */
  replaceStaff(staff: Staff, previous: Staff, audit: AuditEntry[]): Promise<void>;
}
