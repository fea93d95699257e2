-- Minutes of peer services delivered each day across the whole agency, for
-- the cost per peer service minute: wages are the agency's, so the minutes
-- they pay for are too, even in one payer's MCO packet (where
-- core__stg_services holds only the services in that payer's spells).
SELECT service_date,
       sum(peer_minutes)::BIGINT AS peer_minutes
FROM cost__stg_peer_services
GROUP BY service_date
