/**
 * Who will handle a submission, as the provider reads it (R-PRV-1..4): the acknowledgement email and the
 * contact page's confirmation say the same thing. Pure: from the route recorded on the submission.
 */
export interface RouteToName {
  to: 'relationship-holder' | 'regulatory-coordinator' | 'admin-queue';
  staffName: string | null;
  coveringFor?: { staffName: string } | null | undefined;
}

export function handlerInWords(route: RouteToName): { handlerName: string; handlerRole: string } {
  if (route.to === 'admin-queue') {
    return { handlerName: 'Our provider engagement team', handlerRole: 'until an assessment team is allocated to you' };
  }
  if (!route.staffName) {
    // Routed before teams with no co-ordinator registered.
    return { handlerName: 'The assessment team', handlerRole: 'through its regulatory co-ordinator' };
  }
  const role = route.to === 'relationship-holder' ? 'your relationship holder' : 'your regulatory co-ordinator';
  if (route.coveringFor) {
    return { handlerName: route.staffName, handlerRole: `covering for ${role}, ${route.coveringFor.staffName}` };
  }
  return {
    handlerName: route.staffName,
    handlerRole: route.to === 'relationship-holder' ? role : 'regulatory co-ordinator',
  };
}
